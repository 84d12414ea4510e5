# R's forecast package on the same rolling origins as scripts/bench/forecast-real.ts (never
# run by the tests). Usage: Rscript forecast-real.R SERIES.csv TASKS.csv OUT.csv
#   SERIES.csv: task,idx,value      one row per period of the R series (open periods only), NA = unknown
#   TASKS.csv:  task,freqs,origin,h,window   freqs "7" or "48;336"; the history is idx < origin
#               (its last `window` periods), forecast h periods
#   OUT.csv:    task,origin,step,model,forecast
# Daily tasks (one frequency): ets, stlf, tbats, auto.arima. Interval tasks (two): stlf (mstl
# decomposition + ETS on the seasonally adjusted series), and tbats only when the environment
# has STAFFCAST_BENCH_R_TBATS_INTERVAL=1 (about 2.5 minutes a fit on a shared 2-core machine,
# 30 fits). Every fit uses one core.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
series <- read.csv(args[1])
tasks <- read.csv(args[2], colClasses = c("character", "character", "integer", "integer", "integer"))
out <- file(args[3], "w")
writeLines("task,origin,step,model,forecast", out)
for (k in seq_len(nrow(tasks))) {
  t <- tasks[k, ]
  s <- series[series$task == t$task, ]
  s <- s[order(s$idx), ]
  hist <- s$value[s$idx < t$origin]
  if (t$window > 0 && length(hist) > t$window) hist <- tail(hist, t$window)
  freqs <- as.numeric(strsplit(t$freqs, ";")[[1]])
  y <- if (length(freqs) == 1) ts(hist, frequency = freqs) else msts(hist, seasonal.periods = freqs)
  if (anyNA(y)) y <- na.interp(y)
  models <- if (length(freqs) == 1) {
    list(
      ets = function() forecast(ets(y), h = t$h)$mean,
      stlf = function() stlf(y, h = t$h)$mean,
      tbats = function() forecast(tbats(y, use.parallel = FALSE), h = t$h)$mean,
      auto.arima = function() forecast(auto.arima(y), h = t$h)$mean
    )
  } else {
    ms <- list(stlf = function() stlf(y, h = t$h)$mean)
    if (Sys.getenv("STAFFCAST_BENCH_R_TBATS_INTERVAL") == "1") {
      ms$tbats <- function() forecast(tbats(y, use.parallel = FALSE, use.box.cox = FALSE), h = t$h)$mean
    }
    ms
  }
  for (m in names(models)) {
    f <- tryCatch(as.numeric(models[[m]]()), error = function(e) rep(NA, t$h))
    f <- pmax(f, 0)
    writeLines(paste(t$task, t$origin, seq_len(t$h), m, f, sep = ","), out)
  }
  flush(out)
  message(sprintf("R: %s origin %d done (%d/%d)", t$task, t$origin, k, nrow(tasks)))
}
close(out)
