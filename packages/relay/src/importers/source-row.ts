// One row of an import file as the readers hand it on: a parsed value, or why it could not
// be parsed. Line numbers are 1-based and point at the row's first line in the file.

export type SourceRow =
  | { lineNumber: number; value: unknown; error?: undefined }
  | { lineNumber: number; error: { reason: string; detail: string }; value?: undefined };
