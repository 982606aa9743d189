// The per-repository incremental cache; see CacheStore.
