"""Builds effective_initialization.ipynb (issue 8, figure group 3). Run: /usr/bin/python3 build_notebook.py"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebook_support"))
from notebook_builder import SETUP, code, markdown, write_notebook  # noqa: E402

CELLS = [
    markdown("""
    # Effective initialisation: κ∞ simulated vs the α∞ formula, and ∫L vs test loss

    SGD's noise shrinks the scale κ = 2α² of the hyperbolic entropy along the run. For the SGF
    this is exact and pathwise (dln.md §6.3):
    ln κ∞ = ln κ₀ − γ·D·∫₀^∞ MSE dt, i.e. α∞ = α ⊙ exp(−2γ D ∫L dt).
    For SGD the exact discrete statement is κ_{k+1} = |1 − γ²g_k²| κ_k (dln.md §7), whose mean is
    the same formula to first order in γ. `sgdbias run effective-initialization` records both per
    trajectory (exact bookkeeping, and the formula evaluated on the same SGD path), the loss
    integral and the test loss, over a grid of step sizes γ and scales α. The SGF of the same SGD
    (log-Euler, h = γ/2 to stay within the runtime budget, dln.md §6.3) runs next to it: its κ∞ follows the formula on its own path
    to round-off, and its shrink is compared with SGD's.

    "The slower the convergence, the better the bias": a larger γ·∫L means a smaller α∞, a sparser
    interpolator, a lower test loss.
    """),
    SETUP,
    code("""
    folder = sn.run_experiment("effective-initialization", "effective_initialization", {"trajectories": 4})
    all_summary, all_trajectories = sn.table(folder, "summary"), sn.table(folder, "trajectories")
    summary = all_summary[all_summary.method == "sgd"]
    trajectories = all_trajectories[all_trajectories.method == "sgd"]
    sgf_summary = all_summary[all_summary.method == "sgf-log-euler"]
    sgf_trajectories = all_trajectories[all_trajectories.method == "sgf-log-euler"]
    gradient_flow = sn.table(folder, "gradient_flow")
    summary[["alpha", "step_size", "mean_log_scale_ratio", "formula_mean_log_scale_ratio", "loss_integral",
             "test_loss", "train_loss"]]
    """),
    code("""
    figure, (kappa_axis, bias_axis) = plt.subplots(1, 2, figsize=(12, 4.5))
    for (alpha, group), marker in zip(trajectories.groupby("alpha"), "os^v"):
        kappa_axis.scatter(-group.mean_log_scale_ratio, -group.formula_mean_log_scale_ratio, marker=marker,
                           c=np.log10(group.step_size), cmap="viridis", label=f"α = {alpha:.3g}")
        gain = -group.mean_log_scale_ratio
        bias_axis.scatter(gain, group.test_loss, marker=marker, c=np.log10(group.step_size), cmap="viridis",
                          label=f"α = {alpha:.3g}")
        gf = gradient_flow[np.isclose(gradient_flow.alpha, alpha)].test_loss.iloc[0]
        bias_axis.axhline(gf, color="grey", ls="--", lw=0.8)
    kappa_axis.scatter(-sgf_trajectories.mean_log_scale_ratio, -sgf_trajectories.formula_mean_log_scale_ratio,
                       marker="x", color="tab:red", label="SGF (log-Euler), all α")
    low = (-trajectories.mean_log_scale_ratio).min() * 0.8
    high = (-trajectories.mean_log_scale_ratio).max() * 1.2
    kappa_axis.plot([low, high], [low, high], "k--", lw=1, label="equality")
    kappa_axis.set(xscale="log", yscale="log", xlabel="exact mean ln(κ₀/κ∞) of the SGD run (dln.md §7)",
                   ylabel="α∞ formula γ·mean(D)·∫MSE dt on the same path (§6.3)",
                   title="colour: log₁₀ γ")
    kappa_axis.legend(fontsize=8)
    bias_axis.set(xscale="log", xlabel="gain mean ln(κ₀/κ∞) ∝ γ·∫L dt", ylabel="test loss ‖β∞ − β*‖²",
                  title="slower convergence (more gain) → better bias; dashed: GF")
    bias_axis.legend(fontsize=8)
    sn.save_figure(figure, folder, "effective_initialization")
    """),
    markdown("""
    ## The asserted result (dln.md §6.3, §7; §9 checks 11, 13, 15)

    * Every run shrinks κ (mean ln(κ∞/κ₀) < 0) and the seed-averaged exact shrink agrees with the
      α∞ formula on the same paths within 10% for γ ≤ 0.02 (20% above: higher-order terms of q);
    * the mean gain is ∝ γ at small γ: it doubles (within 25%) when γ doubles, for γ ≤ 0.02;
    * at each α the test loss decreases as γ (the gain) grows, and stays below GF's;
    * SGF (log-Euler): ln κ_T equals the formula on its own path to 1e-10 (dln.md §9 check 9), and
      its seed-averaged shrink is within 20% of SGD's at every (α, γ). Caveat: the SGF path (hence
      ∫L) depends on h. With h = γ/10 (4 runs) SGD shrinks +5.8, +8.1, +11.8, +18.3% more than the
      SGF at α = 0.05 and +6.5, +8.8, +13.4, +17.1% at α = 0.1 (γ = 0.005 … 0.05), i.e. a gap growing
      with γ on this data, larger than dln.md §9 check 11's "observed ≤ 2%" on the spec's data.

    Why SGD sits a few % beyond the formula on its own path: the SGF model replaces diag(r²) by
    (‖r‖²/n)·I in SGD's noise covariance (dln.md §6.1); only the diagonal enters κ. Measured on
    α = 0.1, 16 runs per γ: the paired gap is +3.8 ± 1.3%, +6.0 ± 2.1%, +9.2 ± 3.2%, +8.3 ± 3.4%,
    +7.8 ± 3.7% at γ = 0.005, 0.01, 0.02, 0.04, 0.05 — not O(γ) (it does not vanish as γ → 0), and
    the formula's spread over runs is ~10× the exact shrink's. Hence the tolerances above.
    """),
    code("""
    sn.check((trajectories.mean_log_scale_ratio < 0).all(), "every SGD run has mean ln(κ∞/κ₀) < 0")
    for row in summary.itertuples():
        relative = abs(row.formula_mean_log_scale_ratio / row.mean_log_scale_ratio - 1)
        tolerance = 0.10 if row.step_size <= 0.02 + 1e-12 else 0.20
        sn.check(relative < tolerance, f"α = {row.alpha:.3g}, γ = {row.step_size:.3g}: exact {row.mean_log_scale_ratio:.4f} "
                 f"vs formula {row.formula_mean_log_scale_ratio:.4f} ({100 * relative:.1f}% < {100 * tolerance:.0f}%)")
    for alpha, group in summary.groupby("alpha"):
        group = group.sort_values("step_size")
        small = group[group.step_size <= 0.02 + 1e-12]
        ratios = (small.mean_log_scale_ratio.values[1:] / small.mean_log_scale_ratio.values[:-1]) / \\
                 (small.step_size.values[1:] / small.step_size.values[:-1])
        sn.check(np.all(np.abs(ratios - 1) < 0.25), f"α = {alpha:.3g}: gain / γ ratios between consecutive γ ≤ 0.02: "
                 + ", ".join(f"{r:.3f}" for r in ratios))
        sn.check(np.all(np.diff(group.test_loss.values) < 0), f"α = {alpha:.3g}: test loss decreasing in γ: "
                 + ", ".join(f"{v:.4f}" for v in group.test_loss))
        gf = gradient_flow[np.isclose(gradient_flow.alpha, alpha)].test_loss.iloc[0]
        sn.check(group.test_loss.max() < gf, f"α = {alpha:.3g}: every SGD test loss < GF {gf:.4f}")
    worst = (sgf_trajectories.mean_log_scale_ratio - sgf_trajectories.formula_mean_log_scale_ratio).abs().max()
    sn.check(worst < 1e-10, f"SGF (log-Euler): ln κ_T − formula on its own path ≤ {worst:.1e} (< 1e-10)")
    paired = summary.set_index(["alpha", "step_size"]).mean_log_scale_ratio / \
        sgf_summary.set_index(["alpha", "step_size"]).mean_log_scale_ratio - 1
    sn.check(paired.abs().max() < 0.2, "SGD vs SGF mean ln(κ∞/κ₀) within 20%: "
             + ", ".join(f"{100 * v:+.1f}%" for v in paired))
    """),
]

if __name__ == "__main__":
    write_notebook(Path(__file__).resolve().parent / "effective_initialization.ipynb", CELLS)
