// The command line imports this module alone: the pass's request types come with Pipeline, and these are
// the few model, history and adapter types its options and error handling name.
@_exported import Pipeline

@_exported import enum Adapters.ExportFormat
@_exported import struct Attribution.AttributionOptions
@_exported import struct GitHistory.GitError
@_exported import enum GitHistory.HistoryError
@_exported import struct GitHistory.MiningSummary
@_exported import enum OutcomeModel.MoveDetection
@_exported import enum OutcomeModel.Strength
@_exported import enum OutcomeModel.Timestamp
@_exported import enum Report.ReleaseFormat
@_exported import enum Report.ReleaseTable
