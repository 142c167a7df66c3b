// Fixture of tests/layout (never compiled): a study folder the program does not know, so
// scripts/check_study_registry.py must fail when it is added to the real tree's studies.
Experiment make_orphan_study_experiment() {
  return make_experiment<OrphanStudyOptions>("orphan-study", "a study nobody registered", "orphan_study", &run);
}
