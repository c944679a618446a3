"""bench/eeprombench.py - the eeprom benchmark of bench/run (bench/README.md):
EEPROM.put() of 100 bytes per wall second. bench/run passes itself (its
helpers) as `b`."""
import os
import re

N = 200_000  # puts per run, must match bench/apps/eeprom_{put,ram}


def bench_eeprom(ctx, b):
    b.log("eeprom: measuring")
    flash = os.path.join(ctx.tmp, "eeprom.flash")  # one file for the warm-up and every timed run
    put, put_wall = b.hal_per_call(ctx, "eeprom_put", N, ("--flash", flash))
    ram, _ = b.hal_per_call(ctx, "eeprom_ram", N)
    shown = b.run_checked([b.VDEV_BIN, "flash", "show", flash], what="vdev flash show").stdout
    seqs = [int(s) for s in re.findall(r"active, sequence (\d+)", shown)]
    swaps = f"{(max(seqs) - 1) / (b.HAL_RUNS + 1):,.0f} page swaps each" if seqs else "page swaps not found"
    b.report("eeprom EEPROM.put of 100 bytes (--clock virtual)",
             f"{1 / put:,.0f} puts per wall second, {put * 1e6:.2f} us/put ({N:,} puts in {b.ms(put_wall)}, "
             f"{swaps}; boot+stop {b.ms(b.empty_run(ctx))} subtracted)",
             f"baseline memcpy of 100 bytes into a RAM array {ram * 1e9:.1f} ns/copy; ratio {b.ratio(put, ram)}",
             None, None)
