#!/usr/bin/env bash
# Installs what the notebooks need: Jupyter's nbconvert (Debian packages) and a Java kernel
# (rapaio-jupyter-kernel from Maven Central) registered as "mesocosm-java". Idempotent: a second
# run checks and returns in a second or two.
set -euo pipefail

KERNEL_VERSION=3.0.1   # compiled for Java 17 (class file 61); runs on the JDK 17 Mesocosm needs
KERNEL_NAME=mesocosm-java

say() { echo "notebooks/setup: $*" >&2; }

need_apt=()
command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1 || need_apt+=(jupyter-nbconvert)
# Debian's python (not a pyenv or venv one first on PATH) is the one the packages install into.
/usr/bin/python3 -c 'import nbclient, jupyter_client' >/dev/null 2>&1 || need_apt+=(python3-nbclient python3-jupyter-client)
if ((${#need_apt[@]})); then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    say "need root (or sudo) to install: ${need_apt[*]}"; exit 1
  fi
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
  say "installing ${need_apt[*]} (Debian packages)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-nbclient python3-jupyter-client >/dev/null
fi

command -v java >/dev/null 2>&1 || { say "java (JDK 17+) is not on PATH"; exit 1; }
kernel_dir="$(jupyter --data-dir)/kernels/$KERNEL_NAME"
jar="$kernel_dir/rapaio-jupyter-kernel-$KERNEL_VERSION.jar"
if [ ! -s "$jar" ]; then
  command -v mvn >/dev/null 2>&1 || { say "mvn is needed to fetch the kernel from Maven Central"; exit 1; }
  say "fetching io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION"
  mkdir -p "$kernel_dir"
  tmp=$(mktemp -d)
  # Run outside the repository so Maven does not resolve it as a project.
  (cd "$tmp" && mvn -B -q dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" -DoutputDirectory="$tmp")
  mv "$tmp/rapaio-jupyter-kernel-$KERNEL_VERSION.jar" "$jar"
  rm -rf "$tmp"
fi

# Headless AWT so charts render to images with no display; no compiler options (Java 17 default).
cat > "$kernel_dir/kernel.json.new" <<JSON
{
  "argv": ["java", "-Djava.awt.headless=true", "-Xmx1g", "-jar", "$jar", "{connection_file}"],
  "display_name": "Java (Mesocosm, rapaio $KERNEL_VERSION)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_COMPILER_OPTIONS": "", "RJK_TIMEOUT_MILLIS": "-1", "RJK_INIT_SCRIPT": "", "RJK_JAVA_ARGV": ""}
}
JSON
if cmp -s "$kernel_dir/kernel.json.new" "$kernel_dir/kernel.json" 2>/dev/null; then
  rm "$kernel_dir/kernel.json.new"
else
  mv "$kernel_dir/kernel.json.new" "$kernel_dir/kernel.json"
  say "registered kernel '$KERNEL_NAME' in $kernel_dir"
fi
/usr/bin/python3 -c "import sys; from jupyter_client.kernelspec import KernelSpecManager as K; sys.exit('$KERNEL_NAME' not in K().find_kernel_specs())" \
  || { say "kernel '$KERNEL_NAME' not visible to jupyter"; exit 1; }
say "ready"
