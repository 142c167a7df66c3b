"""Builds label_noise.ipynb (issue 8, figure group 4). Run: /usr/bin/python3 build_notebook.py"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebook_support"))
from notebook_builder import SETUP, code, markdown, write_notebook  # noqa: E402

CELLS = [
    markdown("""
    # Label noise with the seed's schedule: δ = 1 for the first 1000 steps, then 0

    Label-noise SGD (dln.md §6.4) uses labels y_i ± 2δ_k: the mean step is SGD's, the extra noise
    covariance is 4δ²γ²(1/n)diag(u)XᵀX diag(u). In the SGF picture L is replaced by L + δ² in the
    noise, so the schedule multiplies κ by exp(−4γ²K₀δ²D) on top of SGD's own shrinkage: a much
    smaller effective initialisation, hence a much sparser interpolator. After K₀ steps the noise
    stops and the run converges to an interpolator again.

    Both methods share the minibatch stream of each trajectory (common random numbers), so the
    difference of their κ∞ isolates the schedule. Seed setting, α = 0.1, K = 50 000 steps.
    """),
    SETUP,
    code("""
    # In this process through the Python module (notebooks/python/README.md): the program's run folder.
    folder = sn.run_study("label-noise", "label_noise", {"trajectories": 4})
    summary = sn.table(folder, "summary")
    series = sn.table(folder, "series")
    shrink = sn.table(folder, "label_noise_shrink")
    shrink
    """),
    markdown("## Train and test loss along the iterations (largest step size)"),
    code("""
    step_size = summary.step_size.max()
    figure, (train_axis, test_axis) = plt.subplots(1, 2, figsize=(12, 4.2))
    for method, color in [("sgd", "tab:orange"), ("label-noise-sgd", "tab:green")]:
        curve = series[(series.method == method) & np.isclose(series.step_size, step_size)]
        curve = curve[curve.step > 0]
        train_axis.loglog(curve.step, curve.train_loss, color=color, label=method)
        test_axis.loglog(curve.step, curve.test_loss, color=color, label=method)
    for axis in (train_axis, test_axis):
        axis.axvline(1000, color="k", ls=":", lw=1, label="end of label noise (K₀ = 1000)")
        axis.set_xlabel("SGD step k")
        axis.legend(fontsize=8)
    train_axis.set(ylabel="train loss L = MSE/2 (mean over trajectories)", title=f"γ = {step_size:g}, α = 0.1")
    test_axis.set(ylabel="test loss ‖β − β*‖²", title=f"γ = {step_size:g}, α = 0.1")
    sn.save_figure(figure, folder, "label_noise_losses")
    """),
    markdown("## Extra κ shrink of the schedule: measured vs −4γ²K₀δ²·mean(D)"),
    code("""
    figure, axis = plt.subplots(figsize=(5.5, 4))
    axis.plot(shrink.step_size, -shrink.measured_extra_mean_log_scale_ratio, "o", label="measured (LN − SGD)")
    axis.plot(shrink.step_size, -shrink.predicted_extra_mean_log_scale_ratio, "k--", label="4γ²K₀δ²·mean(D)")
    axis.set(xscale="log", yscale="log", xlabel="step size γ", ylabel="extra shrink of mean ln κ∞")
    axis.legend(fontsize=8)
    sn.save_figure(figure, folder, "label_noise_shrink")
    """),
    markdown("""
    ## The asserted result (dln.md §6.4, §9 checks 12–13)

    At every step size the label-noise run ends with a lower test loss than SGD, both runs have
    converged (train loss < 1e-8), and the extra shrink of mean ln κ matches −4γ²K₀δ²·mean(D)
    within 15% for γ ≤ 0.01 and within 25% above (the prediction is the small-γ SGF limit).
    """),
    code("""
    final = summary.set_index(["method", "step_size"])
    for gamma in sorted(summary.step_size.unique()):
        ln, sgd = final.loc[("label-noise-sgd", gamma)], final.loc[("sgd", gamma)]
        sn.check(ln.test_loss < sgd.test_loss, f"γ = {gamma:.3g}: test loss LN {ln.test_loss:.4f} < SGD {sgd.test_loss:.4f}")
        sn.check(max(ln.train_loss, sgd.train_loss) < 1e-8,
                 f"γ = {gamma:.3g}: converged (train loss LN {ln.train_loss:.1e}, SGD {sgd.train_loss:.1e})")
    for row in shrink.itertuples():
        relative = abs(row.measured_extra_mean_log_scale_ratio / row.predicted_extra_mean_log_scale_ratio - 1)
        tolerance = 0.15 if row.step_size <= 0.01 + 1e-12 else 0.25
        sn.check(relative < tolerance, f"γ = {row.step_size:.3g}: extra shrink {row.measured_extra_mean_log_scale_ratio:.4f} vs "
                 f"predicted {row.predicted_extra_mean_log_scale_ratio:.4f} ({100 * relative:.1f}% < {100 * tolerance:.0f}%)")
    """),
]

if __name__ == "__main__":
    write_notebook(Path(__file__).resolve().parent / "label_noise.ipynb", CELLS)
