"""What an operator sees of a running instance: redacted logs and Prometheus metrics."""
