#!/usr/bin/env bash
# 一条命令：安装一切，然后把站点和 PDF 学习手册构建到 site/。
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict "$@"
