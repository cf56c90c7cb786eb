"""Operations: health, readiness, metrics, logs, deployment files and the run commands."""
