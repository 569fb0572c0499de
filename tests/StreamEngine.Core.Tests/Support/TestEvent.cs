namespace StreamEngine.Core.Tests.Support;

public readonly record struct TestEvent(string Key, long Amount, ulong Visitor = 0);
