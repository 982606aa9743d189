internal import Clibgit2

/// A libgit2 call that failed: which function, its return code, and libgit2's own class and message.
public struct GitError: Error, CustomStringConvertible, Sendable {
  public var function: String
  public var code: Int32
  public var errorClass: Int32
  public var message: String

  public var description: String {
    "\(function) failed (code \(code), class \(errorClass)): \(message)"
  }

  /// True for "object not found" failures, which partial clones and shallow boundaries produce.
  public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
}

/// The one error path for libgit2 return codes: negative means failure, read the thread's last error.
///
/// `git_error_last()` may be NULL in 1.5 even after a failure, so the message falls back to the code.
@discardableResult
func check(_ code: Int32, _ function: StaticString) throws(GitError) -> Int32 {
  guard code < 0 else { return code }
  var errorClass: Int32 = 0
  var message = "no libgit2 message"
  if let last = git_error_last() {
    errorClass = last.pointee.klass
    if let text = last.pointee.message { message = String(cString: text) }
  }
  git_error_clear()
  throw GitError(function: "\(function)", code: code, errorClass: errorClass, message: message)
}
