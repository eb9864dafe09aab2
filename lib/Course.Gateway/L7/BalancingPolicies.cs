using LB = Course.LoadBalancing.Policies;
using CoursePolicy = Course.LoadBalancing.ILoadBalancingPolicy;

namespace Course.Gateway;

/// <summary>
/// The balancing policy names a <see cref="GatewayCluster"/> may use: YARP's built-ins (the production reference)
/// and the course's own algorithms from Course.LoadBalancing, run inside YARP by <see cref="CoursePolicyAdapter"/>.
/// </summary>
public static class BalancingPolicies
{
    // YARP's built-ins, under YARP's own names (Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies).
    public const string RoundRobin = "RoundRobin";
    public const string Random = "Random";
    public const string LeastRequests = "LeastRequests";
    public const string PowerOfTwoChoices = "PowerOfTwoChoices";
    public const string FirstAlphabetical = "FirstAlphabetical";

    /// <summary>The seed of every course policy's <see cref="System.Random"/>, per cluster (random and P2C replay from it).</summary>
    public const int CourseSeed = 1;

    /// <summary>The prefix that marks a course policy, e.g. "Course.LeastConnections".</summary>
    public const string CoursePrefix = "Course.";

    public static IReadOnlyList<string> Yarp { get; } = [RoundRobin, Random, LeastRequests, PowerOfTwoChoices, FirstAlphabetical];

    // The course's algorithms (Course.LoadBalancing.Policies), always available to every gateway under these names.
    public static readonly CoursePolicyRegistration CourseRoundRobin = Course(() => new LB.RoundRobin());
    public static readonly CoursePolicyRegistration CourseSmoothWeighted = Course(() => new LB.SmoothWeightedRoundRobin());
    public static readonly CoursePolicyRegistration CourseRandom = Course(() => new LB.RandomChoice());
    public static readonly CoursePolicyRegistration CourseLeastConnections = Course(() => new LB.LeastConnections());
    public static readonly CoursePolicyRegistration CoursePeakEwma = Course(() => new LB.PeakEwma());
    public static readonly CoursePolicyRegistration CoursePowerOfTwo = Course(() => new LB.PowerOfTwoChoices());
    public static readonly CoursePolicyRegistration CourseBoundedHashing = Course(() => new LB.BoundedLoadConsistentHashing());
    public static readonly CoursePolicyRegistration CourseMaglev = Course(() => new LB.Maglev());

    public static IReadOnlyList<CoursePolicyRegistration> CourseBuiltIns { get; } =
    [
        CourseRoundRobin, CourseSmoothWeighted, CourseRandom, CourseLeastConnections,
        CoursePeakEwma, CoursePowerOfTwo, CourseBoundedHashing, CourseMaglev,
    ];

    /// <summary>
    /// A course policy for a cluster: <paramref name="create"/> is called once per cluster (policies keep per-pool state).
    /// The name is "Course." + the policy's own <see cref="CoursePolicy.Name"/>.
    /// </summary>
    public static CoursePolicyRegistration Course(Func<CoursePolicy> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var sample = create() ?? throw new ArgumentException("the policy factory returned null", nameof(create));
        return new CoursePolicyRegistration(CoursePrefix + sample.Name, create);
    }
}

/// <summary>A course policy under the name clusters refer to it by.</summary>
public sealed record CoursePolicyRegistration(string Name, Func<CoursePolicy> Create);
