#!/usr/bin/env bash
# Debian packages the integration tests need (servers are started by the tests themselves).
set -euo pipefail

# Ceph RGW with real S3 Object Lock for test/storage-s3.test.ts (started by test/support/ceph-rgw.sh).
if ! command -v radosgw >/dev/null || ! command -v ceph-mon >/dev/null || ! command -v ceph-osd >/dev/null; then
  echo "ci: installing ceph (mon, osd, radosgw) from Debian"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ceph-mon ceph-osd radosgw ceph-common curl bc >/dev/null
fi
echo "ci: ceph $(radosgw --version | awk '{print $3}') ready"

# rsync for test/gitlab-component.test.ts: gitlab-ci-local copies the project with it.
if ! command -v rsync >/dev/null; then
  echo "ci: installing rsync from Debian"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rsync >/dev/null
fi
