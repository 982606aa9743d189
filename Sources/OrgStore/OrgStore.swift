// The shared fact store for many repositories.
