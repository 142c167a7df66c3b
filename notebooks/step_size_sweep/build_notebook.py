"""Builds step_size_sweep.ipynb (issue 8, figure group 5). Run: /usr/bin/python3 build_notebook.py"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebook_support"))
from notebook_builder import SETUP, code, markdown, write_notebook  # noqa: E402

CELLS = [
    markdown("""
    # Step size: GD vs SGD up to divergence, and the edge-of-stability window

    Seed setting at α = 0.1 (dln.md §8.4). Finite steps change the implicit bias through the
    exact gain ln(κ₀/κ∞) = Σ_k q(γ g_k) (dln.md §7): SGD's gain is nearly uniform over coordinates
    and grows with γ (plain ℓ1 at a smaller scale: helps), GD's concentrates on the support of β*
    (hurts). GD can only settle at an interpolator where γ·λ_max(∇²L) ≤ 2; just below its
    divergence it self-stabilises at γ·λ_max ≈ 2 (edge of stability, dln.md §7) with a worse test
    loss. EPGF: both effects are strongest just below divergence.

    `sgdbias run step-size-sweep` runs GD and SGD on log-spaced γ (diverged runs are counted,
    not plotted) and reports γ·λ_max at the end of each run (power iteration on HVPs).
    """),
    SETUP,
    code("""
    folder = sn.run_experiment("step-size-sweep", "step_size_sweep", {"trajectories": 3})
    summary = sn.table(folder, "summary")
    gf = sn.table(folder, "gradient_flow").test_loss.iloc[0]
    summary["converged"] = (summary.diverged == 0) & (summary.train_loss < 1e-6)
    summary[["method", "step_size", "steps", "test_loss", "train_loss", "mean_log_scale_ratio",
             "sharpness_step_size", "diverged", "converged"]]
    """),
    code("""
    colors = {"gd": "tab:blue", "sgd": "tab:orange"}
    figure, (loss_axis, edge_axis) = plt.subplots(1, 2, figsize=(12, 4.3))
    for method, group in summary.groupby("method", sort=False):
        ok = group[group.converged]
        loss_axis.errorbar(ok.step_size, ok.test_loss, yerr=2 * ok.test_loss_standard_error.fillna(0), fmt="o-",
                           color=colors[method], capsize=3, label=method.upper())
        largest = ok.step_size.max()
        loss_axis.axvline(largest, color=colors[method], ls="--", lw=0.8)
        edge_axis.plot(ok.step_size, ok.sharpness_step_size, "o-", color=colors[method], label=method.upper())
    loss_axis.axhline(gf, color="k", lw=1.5, label="gradient flow")
    loss_axis.set(xscale="log", yscale="log", xlabel="step size γ", ylabel="test loss ‖β − β*‖²",
                  title="dashed: largest convergent γ")
    loss_axis.legend(fontsize=8)
    edge_axis.axhline(2.0, color="k", ls=":", label="γ·λ_max = 2 (linear stability)")
    edge_axis.axhspan(1.8, 2.05, color="grey", alpha=0.15, label="edge-of-stability window")
    edge_axis.set(xscale="log", xlabel="step size γ", ylabel="γ · λ_max(∇²L) at the end",
                  title="sharpness of the reached interpolator")
    edge_axis.legend(fontsize=8)
    sn.save_figure(figure, folder, "test_loss_vs_step_size")
    """),
    markdown("""
    ## The asserted result (dln.md §7, §8.4, §9 check 13)

    * SGD diverges at a smaller γ than GD;
    * SGD's test loss at its largest convergent γ is below GF's and below SGD's at the smallest γ;
    * GD's test loss at its largest convergent γ is above GF's (large steps hurt GD);
    * every converged GD run satisfies γ·λ_max ≤ 2.05, and the largest convergent GD step ends
      inside the edge-of-stability window γ·λ_max ∈ [1.8, 2.05].
    """),
    code("""
    ok = summary[summary.converged]
    largest = ok.groupby("method").step_size.max()
    sn.check(largest["sgd"] < largest["gd"], f"largest convergent γ: SGD {largest['sgd']:.3g} < GD {largest['gd']:.3g}")
    sgd = ok[ok.method == "sgd"].sort_values("step_size")
    sn.check(sgd.test_loss.iloc[-1] < min(gf, sgd.test_loss.iloc[0]),
             f"SGD at γ = {sgd.step_size.iloc[-1]:.3g}: test {sgd.test_loss.iloc[-1]:.4f} < GF {gf:.4f} "
             f"and < SGD at γ = {sgd.step_size.iloc[0]:.3g} ({sgd.test_loss.iloc[0]:.4f})")
    gd = ok[ok.method == "gd"].sort_values("step_size")
    sn.check(gd.test_loss.iloc[-1] > gf, f"GD at γ = {gd.step_size.iloc[-1]:.3g}: test {gd.test_loss.iloc[-1]:.4f} > GF {gf:.4f}")
    sn.check((gd.sharpness_step_size <= 2.05).all(), "converged GD: max γ·λ_max = "
             f"{gd.sharpness_step_size.max():.3f} ≤ 2.05")
    edge = gd.sharpness_step_size.iloc[-1]
    sn.check(1.8 <= edge <= 2.05, f"GD at its largest convergent γ = {gd.step_size.iloc[-1]:.3g}: γ·λ_max = {edge:.3f} (EoS window)")
    """),
]

if __name__ == "__main__":
    write_notebook(Path(__file__).resolve().parent / "step_size_sweep.ipynb", CELLS)
