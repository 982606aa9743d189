/// Copies of `adapters/trackers/*.yml`, so the binary works without the repository.
/// A test keeps them equal to the files.
enum EmbeddedTrackerMaps {
  static let issueTypes = #"""
    # How tracker types, labels and resolutions map to the normalized kinds (outcomes, Adapters).
    # Copy, edit and pass with --tracker-map FILE. Matching is case-insensitive; a label such as
    # `type: bug`, `type::bug`, `kind/bug` or `Bug 🐛` is reduced to `bug` before it is looked up.
    # Entries `id:NNNN` match a Jira type or resolution id (site-specific; 10000-10003 are Jira Cloud defaults).
    # Names are localized on some sites: list every language your trackers use.
    version: 1
    kinds:
      bug: [bug, defect, bugfix, regression, 缺陷, 故障, 错误, fehler, bogue, anomalie, バグ, 버그]
      incident: [incident, outage, hotfix, 事件, 事故, störung]
      feature: [story, feature, enhancement, "feature request", "new feature", improvement, epic, 故事, 需求, 新功能, 改进]
      task: [task, sub-task, subtask, "technical task", 任务, 子任务, aufgabe, tâche]
      chore: [chore, maintenance, dependencies, "tech debt", refactor, docs, documentation]
    resolutions:
      completed: [done, fixed, resolved, complete, completed, 完成, 已完成, 已解决, erledigt, fertig, terminé, "id:10000"]
      wontFix: ["won't do", "won't fix", "wont fix", "wontfix", "won’t do", 不做, 不修复, 不会修复, "id:10001"]
      duplicate: [duplicate, duplicated, 重复, doppelt, "id:10002"]
      notPlanned: [not_planned, "not planned", "cannot reproduce", "can't reproduce", incomplete, obsolete, invalid, declined, 无法重现, "id:10003"]
    """#
  static let jiraFields = #"""
    # Jira custom fields differ per site: name the ones that hold the team and the sprint on yours.
    # Find the ids with GET /rest/api/3/field; copy, edit and pass with --jira-fields FILE.
    version: 1
    # Fields read for the team, first non-empty wins. Values may be a string, {value}, {name} or {title}.
    teamFields: [customfield_10001]
    # Fields read for the sprint; Jira Cloud's default sprint field is customfield_10020 (an array of sprints,
    # the last one is reported).
    sprintFields: [customfield_10020]
    # Status ids that count as done in changelogs (a changelog item names statuses, not their category).
    # Statuses that an issue currently has with category `done`, and statuses entered together with a
    # resolution, are recognised without being listed here.
    doneStatusIDs: []
    """#
}
