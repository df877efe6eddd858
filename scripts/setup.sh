#!/usr/bin/env bash
# 安装运行所需的一切（以 root 身份运行，可重复运行）：系统包、虚拟环境 .venv、Python 包。
# 用法：bash scripts/setup.sh          构建站点和 PDF 所需
#       bash scripts/setup.sh --test   另装测试所需（chromium、playwright、pytest；无障碍检查用的
#                                      Node.js、Java，以及 npm 上的 axe-core 和 vnu-jar）
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils git)
extras=""
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium)
  extras="[test]"
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
fi
python3 -m venv --help >/dev/null 2>&1 || packages+=(python3-venv)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
if [[ "${1:-}" == "--test" ]]; then
  npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
fi
