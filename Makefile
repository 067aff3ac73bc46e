# 法治政府建设平台 — set-up, run, test. `make run` and `make test` are all a fresh clone needs (README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FAZHI := $(BIN)/fazhi
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
VENDOR := fazhi/static/vendor/echarts/echarts.min.js
DEBIAN_RUN := nodejs npm
DEBIAN_UNIT := fonts-noto-cjk libreoffice-writer-nogui
DEBIAN_TEST := chromium $(DEBIAN_UNIT)
PYTEST := $(BIN)/pytest

.PHONY: run test test-unit test-browser check install fmt worker bench clean-db openapi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

node_modules/echarts/dist/echarts.min.js: package.json package-lock.json
	@command -v npm >/dev/null || scripts/ensure-debian-packages.sh $(DEBIAN_RUN)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR): node_modules/echarts/dist/echarts.min.js
	@mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE $(dir $@)

install: $(STAMP) $(VENDOR)
	@# the project's bytecode, as `pip install` writes it for an installed package: a command starts without compiling
	@# ~340 modules (230 ms of every `fazhi …` process where PYTHONDONTWRITEBYTECODE is set); stale files recompile
	@$(BIN)/python -m compileall -q -j 0 fazhi config >/dev/null

run: install
	@mkdir -p var
	$(FAZHI) migrate --noinput -v0
	$(FAZHI) demo
	@echo "启动后台任务进程与网站： http://127.0.0.1:8000  （Ctrl+C 退出）"
	@$(FAZHI) worker --interval 2 & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	  $(FAZHI) runserver 127.0.0.1:8000 --noreload

worker: install
	$(FAZHI) worker

test: test-unit test-browser

test-unit: install
	@scripts/ensure-debian-packages.sh $(DEBIAN_UNIT)
	$(PYTEST) -m "not browser" -n 2 --create-db -q

test-browser: install
	@scripts/ensure-debian-packages.sh $(DEBIAN_TEST)
	$(PYTEST) -m browser -q --create-db

check: install
	bash .ci/run

fmt: install
	$(BIN)/ruff format fazhi config tests bench conftest.py
	$(BIN)/ruff check --fix fazhi config tests bench conftest.py

openapi: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(FAZHI) api schema

clean-db:
	rm -f var/fazhi.sqlite3 var/fazhi.sqlite3-*
