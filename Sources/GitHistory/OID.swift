internal import Clibgit2
import OutcomeModel

/// A compact, hashable copy of a `git_oid`, used for graph bookkeeping where strings would be slow.
struct OID: Hashable, Sendable {
  var high: UInt64
  var middle: UInt64
  var low: UInt32

  init(_ oid: git_oid) {
    var copy = oid
    (high, middle, low) = withUnsafeBytes(of: &copy.id) { raw in
      (
        raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
      )
    }
  }

  /// From the 20 raw bytes of an id (as the cache stores them).
  init(bytes: ArraySlice<UInt8>) {
    (high, middle, low) = bytes.withUnsafeBytes { raw in
      (
        raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
      )
    }
  }

  init(_ pointer: UnsafePointer<git_oid>) {
    self.init(pointer.pointee)
  }

  init?(_ id: CommitID) {
    var oid = git_oid()
    guard git_oid_fromstr(&oid, id.hex) == 0 else { return nil }
    self.init(oid)
  }

  var gitOID: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { raw in
      raw.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
      raw.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self)
      raw.storeBytes(of: low, toByteOffset: 16, as: UInt32.self)
    }
    return oid
  }

  var commitID: CommitID { CommitID(trusted: hex) }

  var hex: String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var copy = self
    return withUnsafeBytes(of: &copy) { raw in
      String(unsafeUninitializedCapacity: 40) { buffer in
        for index in 0..<20 {
          let byte = raw[index]
          buffer[index * 2] = digits[Int(byte >> 4)]
          buffer[index * 2 + 1] = digits[Int(byte & 0x0f)]
        }
        return 40
      }
    }
  }
}
