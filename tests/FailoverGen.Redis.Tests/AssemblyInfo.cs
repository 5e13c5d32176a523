// The fleet tests measure time across processes: run one at a time, so they do not compete with each other for the CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
