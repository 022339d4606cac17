"""A clause-level reading that rules query: who is bound, modality, preconditions, consequences, whom it favours,
its basis, and whose voice it is in. Grammar here; vocabulary in rules/lexicons/."""
