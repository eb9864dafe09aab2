using System.Runtime.CompilerServices;

// The search's building blocks (entry list, linearized set) are tested directly, not only through the checker.
[assembly: InternalsVisibleTo("Course.Distributed.Tests")]
