import OutcomeModel

extension MainlinePlan {
  /// The plan as cache bytes; `init(decoding:branch:)` reads it back.
  public func encoded() -> [UInt8] {
    var writer = BinaryWriter(capacity: entries.count * 96)
    writer.write(missingCommits)
    writer.write(UInt64(entries.count))
    for entry in entries {
      writer.write(entry.oid)
      writer.write(entry.committedAt)
      writer.write(entry.parents)
      writer.write(UInt64(entry.contributing.count))
      for (oid, parents) in zip(entry.contributing, entry.contributingParents) {
        writer.write(oid)
        writer.write(parents)
      }
    }
    return writer.bytes
  }

  public init(decoding bytes: [UInt8], branch: BranchTip) throws(BinaryReader.Truncated) {
    var reader = BinaryReader(bytes)
    let missing = try reader.readInt()
    let count = try reader.readCount()
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    for _ in 0..<count {
      let oid = try reader.readOID()
      let time = try reader.readInt64()
      let parents = try reader.readOIDs()
      let contributingCount = try reader.readCount()
      var contributing: [OID] = []
      var contributingParents: [[OID]] = []
      contributing.reserveCapacity(contributingCount)
      contributingParents.reserveCapacity(contributingCount)
      for _ in 0..<contributingCount {
        contributing.append(try reader.readOID())
        contributingParents.append(try reader.readOIDs())
      }
      entries.append(
        Entry(
          oid: oid, contributing: contributing, committedAt: time, parents: parents,
          contributingParents: contributingParents))
    }
    self.init(branch: branch, entries: entries, missingCommits: missing)
  }

  /// The newest mainline change, where a later run resumes.
  public var tip: CommitID? { entries.last?.oid.commitID }

  /// Every commit the plan reaches: mainline changes and their contributing commits.
  public var commitCount: Int { entries.reduce(0) { $0 + 1 + $1.contributing.count } }
}

extension BinaryWriter {
  mutating func write(_ oid: OID) {
    var copy = oid
    withUnsafeBytes(of: &copy) { raw in write(raw: Array(raw.prefix(20))) }
  }

  mutating func write(_ oids: [OID]) {
    write(UInt64(oids.count))
    for oid in oids { write(oid) }
  }
}

extension BinaryReader {
  mutating func readOID() throws(Truncated) -> OID {
    OID(bytes: try readRaw(20))
  }

  mutating func readOIDs() throws(Truncated) -> [OID] {
    let count = try readCount()
    var oids: [OID] = []
    oids.reserveCapacity(count)
    for _ in 0..<count { oids.append(try readOID()) }
    return oids
  }
}
