public enum GleanCorePlaceholder {}
