#!/usr/bin/env bash
# 党建学习门户：把发布包部署到网站目录，原子切换 current，保留最近几个版本，可回滚。
#
#   scripts/deploy.sh 目标目录 [发布包]   部署（默认取 dist/ 中最新的 dangjian-portal-*.tar.gz）
#   scripts/deploy.sh 目标目录 --rollback 切换回上一个版本
#   scripts/deploy.sh 目标目录 --list     列出已部署的版本（* 为当前版本）
#
# 发布包所在目录必须有 make dist 生成的 SHA256SUMS；校验不通过的发布包不会部署。
# 环境变量 KEEP：保留的版本数（默认 5；当前版本总是保留）。需要 GNU coreutils（Linux）。
#
# Layout: TARGET/releases/<version>/ holds one unpacked release, TARGET/releases/<version>.sha256
# its SHA256SUMS line, TARGET/current -> releases/<version> is switched with rename(2) (mv -T), so
# the web server sees either the old or the new release, never a mix. Deploy order = the mtime
# set on releases/<version> when it was deployed.
set -euo pipefail

NAME=dangjian-portal
KEEP=${KEEP:-5}
HERE=$(cd "$(dirname "$0")" && pwd)

TMP_DIR=""
cleanup() {
  if [ -n "$TMP_DIR" ]; then rm -rf "$TMP_DIR"; fi
  rm -f "${TARGET:-.}/.current.$$"
}
trap cleanup EXIT
die() { echo "错误：$*" >&2; exit 1; }
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

if [ $# -lt 1 ]; then usage >&2; exit 2; fi
case "$1" in -h|--help) usage; exit 0 ;; esac
TARGET=${1%/}
shift
RELEASES="$TARGET/releases"
[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || die "KEEP 必须是正整数（现在是“$KEEP”）。"

current_version() {
  local link
  link=$(readlink "$TARGET/current" 2>/dev/null) || return 0
  basename "$link"
}

# deployed releases, oldest deployment first
list_releases() {
  [ -d "$RELEASES" ] || return 0
  find "$RELEASES" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %f\n' | sort -n | cut -d' ' -f2-
}

lock() {
  mkdir -p "$RELEASES"
  if [ -e "$TARGET/current" ] && [ ! -L "$TARGET/current" ]; then
    die "$TARGET/current 已存在但不是符号链接；请先手工移走它（本脚本只切换符号链接）。"
  fi
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$TARGET/.deploy.lock"
    flock -n 9 || die "另一个部署或回滚正在进行，请稍后再试。"
  fi
}

switch_to() {
  local tmp="$TARGET/.current.$$"
  ln -sfn "releases/$1" "$tmp"
  mv -T "$tmp" "$TARGET/current"
}

prune() {
  local cur all i n
  cur=$(current_version)
  mapfile -t all < <(list_releases)
  n=${#all[@]}
  for ((i = 0; i < n - KEEP; i++)); do
    [ "${all[i]}" = "$cur" ] && continue
    rm -rf "${RELEASES:?}/${all[i]}" "$RELEASES/${all[i]}.sha256"
    echo "已删除旧版本 ${all[i]}（保留最近 $KEEP 个版本）。"
  done
}

describe() {   # "提交 abc1234，构建于 …" from the release's build-info.json
  local info="$RELEASES/$1/build-info.json" commit built
  [ -f "$info" ] || return 0
  commit=$(sed -n 's/^ *"commit": *"\([0-9a-f]\{7\}\)[0-9a-f]*".*/\1/p' "$info" | head -n1)
  built=$(sed -n 's/^ *"built_at": *"\([^"]*\)".*/\1/p' "$info" | head -n1)
  printf '，提交 %s，构建于 %s' "${commit:-未知}" "${built:-未知}"
}

cmd_list() {
  local cur all i v mark
  cur=$(current_version)
  mapfile -t all < <(list_releases)
  if [ ${#all[@]} -eq 0 ]; then
    echo "$TARGET 中还没有部署任何版本。"
    return 0
  fi
  echo "$TARGET 中的版本（新部署的在前，* 为当前版本）："
  for ((i = ${#all[@]} - 1; i >= 0; i--)); do
    v=${all[i]}
    if [ "$v" = "$cur" ]; then mark="*"; else mark=" "; fi
    printf '%s %s  部署于 %s%s%s\n' "$mark" "$v" "$(date -r "$RELEASES/$v" '+%Y-%m-%d %H:%M:%S')" \
      "$(describe "$v")" "$([ "$v" = "$cur" ] && echo '（当前）' || true)"
  done
}

cmd_rollback() {
  local cur all v prev="" found=""
  lock
  cur=$(current_version)
  [ -n "$cur" ] || die "$TARGET 中还没有部署任何版本，无法回滚。"
  mapfile -t all < <(list_releases)
  for v in "${all[@]}"; do
    if [ "$v" = "$cur" ]; then found=1; break; fi
    prev=$v
  done
  [ -n "$found" ] || die "当前版本 $cur 不在 $RELEASES 中，请检查 $TARGET/current。"
  [ -n "$prev" ] || die "没有比当前版本 $cur 更早部署的版本，无法回滚。"
  switch_to "$prev"
  echo "已回滚：当前版本为 $prev（$cur 仍保留，重新部署它的发布包即可切回）。"
}

cmd_deploy() {
  local archive=$1 dir base version sums line cur tmp listing
  [ -f "$archive" ] || die "找不到发布包 $archive。"
  dir=$(cd "$(dirname "$archive")" && pwd)
  base=$(basename "$archive")
  case "$base" in
    "$NAME"-*-offline.*) die "$base 是离线版，不能部署到服务器；请使用 $NAME-<版本>.tar.gz。" ;;
    "$NAME"-*.tar.gz) version=${base#"$NAME"-}; version=${version%.tar.gz} ;;
    *) die "发布包的文件名应为 $NAME-<版本>.tar.gz（由 make dist 生成），而不是 $base。" ;;
  esac
  [[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z._+-]*$ ]] || die "发布包文件名中的版本号“$version”不合规范。"

  # integrity first: nothing is unpacked from an archive that does not match SHA256SUMS
  sums="$dir/SHA256SUMS"
  [ -f "$sums" ] || die "找不到 $sums：请把发布包和同一目录下的 SHA256SUMS 一起复制过来。"
  line=$(awk -v f="$base" '{ n = $2; sub(/^\*/, "", n) } n == f && length($1) == 64 && $1 ~ /^[0-9a-f]+$/ { print $1 "  " n; exit }' "$sums")
  [ -n "$line" ] || die "$sums 中没有 $base 的校验值，未部署。"
  if ! (cd "$dir" && printf '%s\n' "$line" | sha256sum -c --status -); then
    die "发布包 $base 校验失败（SHA256 与 SHA256SUMS 不符），可能已损坏或被改动，未部署。"
  fi

  lock
  cur=$(current_version)
  if [ "$version" = "$cur" ]; then
    if [ -f "$RELEASES/$version.sha256" ] && [ "$(cat "$RELEASES/$version.sha256")" = "$line" ]; then
      echo "版本 $version 已是当前版本，未做改动。"
      return 0
    fi
    die "版本 $version 正在使用，但这个发布包的内容不同。请用新的版本号重新打包（PORTAL_VERSION=… make dist）。"
  fi

  TMP_DIR=$(mktemp -d "$RELEASES/.incoming.XXXXXX")
  tmp=$TMP_DIR
  listing=$(tar -tzf "$archive") || die "无法读取发布包 $base，未部署。"
  if grep -v "^$NAME-$version\(/\|\$\)" <<<"$listing" >/dev/null; then
    die "发布包 $base 中有不属于 $NAME-$version/ 的文件，未部署。"
  fi
  tar -xzf "$archive" -C "$tmp" --strip-components=1 --no-same-owner || die "解压 $base 失败，未部署。"
  [ -f "$tmp/index.html" ] || die "发布包 $base 中没有 index.html，不像是门户网站，未部署。"
  chmod -R u+rwX,go+rX "$tmp"                           # mktemp -d is private; the web server must read

  rm -rf "${RELEASES:?}/$version"                     # an older deployment of this version (not current)
  mv -T "$tmp" "$RELEASES/$version"
  TMP_DIR=""
  printf '%s\n' "$line" >"$RELEASES/$version.sha256"
  touch "$RELEASES/$version"
  switch_to "$version"
  echo "已部署 $version：$TARGET/current -> releases/$version（之前的版本：${cur:-无}）。"
  prune
}

case "${1:-}" in
  --list) cmd_list ;;
  --rollback) cmd_rollback ;;
  -*) die "未知选项 $1（可用：--list、--rollback）。" ;;
  "")
    shopt -s nullglob
    candidates=("$HERE/../dist/$NAME"-*.tar.gz)
    [ ${#candidates[@]} -gt 0 ] || die "dist/ 中没有发布包，请先运行 make dist，或指定发布包路径。"
    latest=$(ls -1t "${candidates[@]}" | head -n1)
    cmd_deploy "$latest"
    ;;
  *) cmd_deploy "$1" ;;
esac
