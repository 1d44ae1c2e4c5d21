FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 repair \
    && mkdir -p /data/media && chown repair /data/media

WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
RUN pip install -c requirements.lock -e .

COPY --chown=repair . .
RUN python manage.py compilemessages --ignore '.venv' --verbosity 0 \
    && DJANGO_DEBUG=False DJANGO_SECRET_KEY=build-only-not-used-at-runtime-0123456789-abcdefghijklmnop \
       EMAIL_URL=dummymail:// \
       python manage.py collectstatic --noinput --verbosity 0

USER repair
EXPOSE 8000
CMD ["gunicorn", "repair.wsgi:application", "--config", "gunicorn.conf.py"]
