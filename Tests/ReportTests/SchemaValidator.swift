import Foundation
import XCTest

/// A validator for the subset of JSON Schema (2020-12) that `schemas/report.schema.json` and
/// `schemas/changes.schema.json` use.
///
/// It refuses schemas with keywords outside that subset, so the schema cannot grow a rule that
/// tests would silently skip.
struct SchemaValidator {
  static let supported: Set<String> = [
    "$schema", "$id", "title", "description", "$defs", "$ref", "type", "enum", "required", "properties",
    "additionalProperties", "items", "minimum", "maximum", "pattern", "anyOf",
  ]

  let root: [String: JSONValue]

  init(schema: JSONValue) throws {
    guard case .object(let root) = schema else { throw SchemaError("schema is not an object") }
    self.root = root
  }

  /// Every violation, as `path: message`; empty when valid.
  func validate(_ value: JSONValue) throws -> [String] {
    var errors: [String] = []
    try check(value, against: .object(root), path: "$", errors: &errors)
    return errors
  }

  private func check(_ value: JSONValue, against schema: JSONValue, path: String, errors: inout [String])
    throws
  {
    guard case .object(let s) = schema else { throw SchemaError("\(path): subschema is not an object") }
    for key in s.keys where !Self.supported.contains(key) {
      throw SchemaError("unsupported keyword `\(key)` at \(path)")
    }
    if case .string(let ref)? = s["$ref"] {
      let prefix = "#/$defs/"
      guard ref.hasPrefix(prefix), case .object(let defs)? = root["$defs"],
        let target = defs[String(ref.dropFirst(prefix.count))]
      else { throw SchemaError("unresolvable $ref \(ref)") }
      try check(value, against: target, path: path, errors: &errors)
    }
    if case .array(let options)? = s["anyOf"] {
      var passed = false
      for option in options {
        var optionErrors: [String] = []
        try check(value, against: option, path: path, errors: &optionErrors)
        if optionErrors.isEmpty { passed = true }
      }
      if !passed { errors.append("\(path): \(value) matches no anyOf branch") }
    }
    let types: [String]
    switch s["type"] {
    case .string(let type)?: types = [type]
    case .array(let list)?: types = list.compactMap { if case .string(let t) = $0 { t } else { nil } }
    default: types = []
    }
    if !types.isEmpty, !types.contains(where: { Self.matches(value, $0) }) {
      errors.append("\(path): expected \(types.joined(separator: " or ")), got \(value)")
      return
    }
    if case .array(let options)? = s["enum"], !options.contains(value) {
      errors.append("\(path): \(value) not in enum")
    }
    if let low = s["minimum"].flatMap(Self.double), let x = Self.double(value), x < low {
      errors.append("\(path): \(x) < minimum \(low)")
    }
    if let high = s["maximum"].flatMap(Self.double), let x = Self.double(value), x > high {
      errors.append("\(path): \(x) > maximum \(high)")
    }
    if case .string(let pattern)? = s["pattern"], case .string(let text) = value {
      let regex = try NSRegularExpression(pattern: pattern)
      if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
        errors.append("\(path): `\(text)` does not match \(pattern)")
      }
    }
    if case .object(let object) = value {
      if case .array(let required)? = s["required"] {
        for case .string(let key) in required where object[key] == nil {
          errors.append("\(path): missing required `\(key)`")
        }
      }
      var properties: [String: JSONValue] = [:]
      if case .object(let p)? = s["properties"] { properties = p }
      for (key, child) in object.sorted(by: { $0.key < $1.key }) {
        if let sub = properties[key] {
          try check(child, against: sub, path: "\(path).\(key)", errors: &errors)
        } else if case .bool(false)? = s["additionalProperties"] {
          errors.append("\(path): unexpected property `\(key)`")
        }
      }
    }
    if case .array(let items) = value, let itemSchema = s["items"] {
      for (index, item) in items.enumerated() {
        try check(item, against: itemSchema, path: "\(path)[\(index)]", errors: &errors)
      }
    }
  }

  private static func double(_ value: JSONValue) -> Double? {
    switch value {
    case .integer(let i): return Double(i)
    case .number(let d): return d
    default: return nil
    }
  }

  private static func matches(_ value: JSONValue, _ type: String) -> Bool {
    switch (type, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
      ("integer", .integer), ("number", .integer), ("number", .number):
      return true
    default: return false
    }
  }
}

struct SchemaError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Runs a python3 check `script` with `arguments`: exit 3 means python3 has no `jsonschema` module (the
/// test is skipped); any other non-zero exit fails with the script's standard error.
func runPythonSchemaCheck(
  _ python: String, script: String, arguments: [String], file: StaticString = #filePath, line: UInt = #line
) throws {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = ["-c", script] + arguments
  let errors = Pipe()
  process.standardError = errors
  try process.run()
  process.waitUntilExit()
  if process.terminationStatus == 3 { throw XCTSkip("python3 has no jsonschema module") }
  let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  XCTAssertEqual(process.terminationStatus, 0, message, file: file, line: line)
}
