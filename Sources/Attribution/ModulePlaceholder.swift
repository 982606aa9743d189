// Removed once the attribution engine lands.
