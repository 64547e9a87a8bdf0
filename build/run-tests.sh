#!/bin/sh
# The suite in two passes. Unit and integration tests run two files at a time; the tests that use the kernel's
# zram pool and the browser tests (which plug and unplug drives and drive a wizard with 30-second waits) then
# run one file at a time, since side by side they slowed each other's drive scans past those waits.
set -e
vitest run --exclude 'test/e2e/**' --exclude 'test/devices/**'
vitest run --maxWorkers=1 test/devices test/e2e
