using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Security", "CA5394:Do not use insecure randomness", Scope = "namespaceanddescendants", Target = "~N:StreamEngine.Core.Simulation", Justification = "A seeded, reproducible simulation needs System.Random, not a CSPRNG.")]
