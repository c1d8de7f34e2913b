"""Code both tiers share: settings, errors, logs, the Redis store and records, metrics, task names."""
