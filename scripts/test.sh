#!/usr/bin/env bash
# 一条命令：安装测试所需的一切（含 chromium），然后运行全部测试。
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m pytest "$@"
