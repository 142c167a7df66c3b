"""Builds sde_integrators.ipynb (issue 8, figure group 7). Run: /usr/bin/python3 build_notebook.py"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebook_support"))
from notebook_builder import SETUP, code, markdown, write_notebook  # noqa: E402

CELLS = [
    markdown("""
    # SDE integrators: strong and weak convergence, work–precision

    The integrator ladder of `sde/integrators/` on geometric Brownian motion (sde.md §2.2: TP-01
    Itô, TP-02a Stratonovich for the Stratonovich-only stochastic Heun), whose exact solution on
    the same Brownian path is known, and Milstein with Lévy areas on non-commutative noise
    (`problems/reference_sdes/levy_area_sdes.hpp`: Y₃ = exp(s·A₁₂), exact given the path's area). `sgdbias run sde-integrators` uses the convergence harness
    (`sde/convergence.hpp`, sde.md §3.2): one dyadic Brownian path per trajectory serves every
    step size h = T·2^{-k}; the strong error is the RMS of X_h(T) − X(T), the weak error the paired
    |E[X_h(T)² − X(T)²]|; orders are least-squares log–log slopes with jackknife standard errors.
    Work is counted, not timed: steps × (drift + noise-operator evaluations per step).

    Declared orders (strong / weak): Euler–Maruyama ½ / 1, Milstein and its derivative-free
    Runge–Kutta form 1 / 1, SRIW1 1.5 / 1.5 (weak 2 only when the noise is affine in x, as for GBM:
    `sde/integrators/sri_w1.hpp`), stochastic Heun (Stratonovich, scalar noise is commutative)
    1 / 1, Lévy-area Milstein (non-commutative noise) 1 / 1.
    """),
    SETUP,
    code("""
    folder = sn.run_experiment("sde-integrators", "sde_integrators", {"trajectories": 4000})
    errors = sn.table(folder, "errors")
    orders = sn.table(folder, "orders")
    orders
    """),
    markdown("## Strong and weak errors against the time step (log–log)"),
    code("""
    figure, (strong_axis, weak_axis) = plt.subplots(1, 2, figsize=(11, 4.2))
    for integrator, group in errors.groupby("integrator", sort=False):
        row = orders[orders.integrator == integrator].iloc[0]
        strong_axis.loglog(group.time_step, group.strong_error, "o-",
                           label=f"{integrator}: {row.strong_order:.2f} ± {row.strong_standard_error:.2f} "
                                 f"(declared {row.declared_strong_order:g})")
        weak_axis.loglog(group.time_step, group.weak_error, "s-",
                         label=f"{integrator}: {row.weak_order:.2f} ± {row.weak_standard_error:.2f} "
                               f"(declared {row.declared_weak_order:g})")
    h = np.sort(errors.time_step.unique())
    for order, style in [(0.5, ":"), (1.0, "--"), (1.5, "-."), (2.0, (0, (1, 3)))]:
        strong_axis.loglog(h, 0.5 * h ** order, color="grey", ls=style, lw=0.8)
        weak_axis.loglog(h, 0.5 * h ** order, color="grey", ls=style, lw=0.8)
    strong_axis.set(xlabel="time step h", ylabel="strong error (RMS at T = 1)", title="strong convergence")
    weak_axis.set(xlabel="time step h", ylabel="|E X_h(T)² − E X(T)²| (paired)", title="weak convergence")
    strong_axis.legend(fontsize=7)
    weak_axis.legend(fontsize=7)
    sn.save_figure(figure, folder, "strong_weak_convergence")
    """),
    markdown("""
    ## Work–precision

    Strong error against the work needed for one path. Higher order pays once the error target
    is small enough to amortise the extra stages (SRIW1: several evaluations per step).
    """),
    code("""
    figure, axis = plt.subplots(figsize=(6, 4.2))
    for integrator, group in errors[errors.problem.str.contains("GBM")].groupby("integrator", sort=False):
        axis.loglog(group.evaluations, group.strong_error, "o-", label=integrator)
    axis.set(xlabel="work per path (drift + noise evaluations)", ylabel="strong error",
             title="work–precision (GBM, T = 1)")
    axis.legend(fontsize=8)
    sn.save_figure(figure, folder, "work_precision")
    """),
    markdown("""
    ## The asserted result

    Fitted strong orders within 3 standard errors + 0.1 of the declared ones (EM ≈ ½, Milstein and
    Runge–Kutta Milstein ≈ 1, SRIW1 ≈ 1.5, Heun ≈ 1, Lévy-area Milstein ≈ 1); Euler–Maruyama's weak order ≈ 1 (within 0.3); and at the smallest
    error reached by Euler–Maruyama, SRIW1 needs less work.
    """),
    code("""
    for row in orders.itertuples():
        tolerance = 3 * row.strong_standard_error + 0.1
        sn.check(abs(row.strong_order - row.declared_strong_order) < tolerance,
                 f"{row.integrator}: strong order {row.strong_order:.3f} ± {row.strong_standard_error:.3f}, "
                 f"declared {row.declared_strong_order:g} (tolerance {tolerance:.3f})")
    em = orders[orders.integrator == "euler_maruyama"].iloc[0]
    sn.check(abs(em.weak_order - 1.0) < 0.3, f"euler_maruyama: weak order {em.weak_order:.3f} ± "
             f"{em.weak_standard_error:.3f}, declared 1")
    em_errors = errors[errors.integrator == "euler_maruyama"]
    sri_errors = errors[errors.integrator == "sriw1"].sort_values("evaluations")
    target = em_errors.strong_error.min()
    work_em = em_errors.evaluations[em_errors.strong_error.idxmin()]
    work_sri = sri_errors[sri_errors.strong_error <= target].evaluations.min()
    sn.check(work_sri < work_em, f"strong error {target:.2e}: SRIW1 needs {work_sri:g} evaluations, "
             f"Euler–Maruyama {work_em:g}")
    """),
]

if __name__ == "__main__":
    write_notebook(Path(__file__).resolve().parent / "sde_integrators.ipynb", CELLS)
