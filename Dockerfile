# One image for the web tier and the workers (docker-compose.yml picks the command).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY common ./common
COPY worker ./worker
COPY models ./models
COPY taxonomy ./taxonomy
RUN pip install . && useradd --create-home --uid 10001 rolefit
USER rolefit
# Per-upload encryption keys (common/sealing.py): a volume web and worker share (docker-compose.yml).
RUN mkdir -m 0700 /home/rolefit/upload-keys
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "4", "service.wsgi:app"]
