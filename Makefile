# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails, certificates and QR codes follow HOST and PORT under `make run`, unless
# REPAIR_SITE_URL is set in the environment.
# The compiled catalogues: rebuilt only when their .po changed (compilemessages walked the whole
# tree and recompiled every time).
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
RUN_ENV := REPAIR_SITE_URL="$${REPAIR_SITE_URL:-http://$(HOST):$(PORT)}"

.PHONY: help setup run test test-clock test-fast lint fmt migrations-check deploy-check messages browser pdf-libs counterparts worker beat clean

%.mo: %.po
	msgfmt --check-format -o $@ $<

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) $(MO) pdf-libs ## create .venv and install the pinned dependencies
	$(PY) manage.py migrate --noinput --verbosity 0

run: setup ## set up, load the demo data and serve the portal at http://HOST:PORT (default 127.0.0.1:8000)
	$(RUN_ENV) $(PY) manage.py seed_demo
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

browser: ## install the system Chromium for browser tests when missing (Debian)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

pdf-libs: ## install what WeasyPrint needs for certificate and record PDFs when missing (Debian): Pango, a font
	@(ldconfig -p | grep -q libpangoft2-1.0.so.0 && test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf) \
		|| (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

counterparts: ## install the integration tests' real counterparts: xmlsec1 (SAML IdP), Ralph (LRS), an OB 3.0 verifier (Node)
	@command -v xmlsec1 >/dev/null || (apt-get update -qq && apt-get install -y -qq xmlsec1)
	scripts/ralph_venv.sh
	@test -d tests/integrations/verifier/node_modules/@digitalbazaar/vc || npm ci --prefix tests/integrations/verifier --no-audit --no-fund --silent

test: $(STAMP) $(MO) browser counterparts ## set up and run the whole test suite
	$(PY) -m pytest $(PYTEST_ARGS)

# The first of a month at 00:30 UTC, the last day of February at 23:30 UTC, and the hour New York
# springs forward (07:30 UTC on 2027-03-14, while Chicago is still at 01:30 standard time).
CLOCK_INSTANTS ?= 2027-03-01T00:30:00Z 2027-02-28T23:30:00Z 2027-03-14T07:30:00Z

test-clock: $(STAMP) $(MO) ## the fast suite again at hard instants (CLOCK_INSTANTS=...), side by side
	scripts/test_clock.sh $(CLOCK_INSTANTS)

lint: $(STAMP) ## ruff lint and format check, the import contracts (docs/design.md, Layers)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache --no-logo

fmt: $(STAMP) ## format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(STAMP) ## fail when a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

deploy-check: $(STAMP) ## Django's deployment checklist under a production-like environment
	DJANGO_DEBUG=False DJANGO_SECRET_KEY=ci-only-$$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9') \
	REPAIR_OB_SIGNING_KEYS=ci:$$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=') \
	DJANGO_ALLOWED_HOSTS=repair.example.org EMAIL_URL=smtp://mail.example.org:25 $(PY) manage.py check --deploy --fail-level WARNING

messages: $(STAMP) ## extract translatable strings into locale/*/LC_MESSAGES/django.po
	$(PY) manage.py makemessages -l es --ignore '.venv/*' --ignore 'staticfiles/*'

worker: $(STAMP) ## run a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A repair worker -l info

beat: $(STAMP) ## run the Celery beat scheduler (exactly one per deployment)
	$(VENV)/bin/celery -A repair beat -l info

.PHONY: backup restore
backup: ## dump the PostgreSQL database at DATABASE_URL to backups/ (BACKUP_DIR=..., docs/operations.md)
	scripts/backup.sh

restore: ## restore BACKUP=path/to/file.dump into DATABASE_URL, replacing its tables (YES=1: no prompt)
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=backups/repair-....dump [YES=1]" >&2; exit 2)
	scripts/restore.sh $(if $(YES),--yes) "$(BACKUP)"

.PHONY: bench
bench: $(STAMP) ## benchmark at consortium scale in a fresh PostgreSQL database (BENCH_ARGS=...); writes docs/benchmarks.md
	$(PY) -m bench.run $(BENCH_ARGS)

clean: ## remove the virtual environments, the SQLite database and collected static files
	rm -rf $(VENV) .venv-ralph db.sqlite3 staticfiles
