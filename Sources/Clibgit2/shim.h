#ifndef OUTCOMES_CLIBGIT2_SHIM_H
#define OUTCOMES_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>
#include <git2/sys/odb_backend.h>
#include <libdeflate.h>

// Swift does not import C variadic functions, so each libgit2 option we set gets a fixed-arity wrapper.

static inline int outcomes_git_set_strict_hash_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

static inline int outcomes_git_set_cache_object_limit(git_object_t type, size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

static inline int outcomes_git_set_cache_max_size(ssize_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int outcomes_git_set_mwindow_size(size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes);
}

static inline int outcomes_git_set_mwindow_mapped_limit(size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
}

// Keep libgit2 from reading the user's or system's config search path during tests and CI.
static inline int outcomes_git_set_search_path(git_config_level_t level, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int outcomes_git_disable_owner_validation(void) {
  return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

#endif
