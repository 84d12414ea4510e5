/**
 * Debian's Chromium as the browser tests and benchmarks launch it. The last four flags keep
 * it from reaching for Google's services, which this closed network refuses by the dozen.
 */
export const CHROMIUM_PATH = process.env.STAFFCAST_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
