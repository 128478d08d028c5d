/// Reads the records of one input format and passes them to a sink.
protocol RecordReader {
    /// Reads until the input ends or the sink stops. Throws when the input breaks
    /// off; the records passed on before that stand.
    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem)
}
