using StreamEngine.ClickHouse;

namespace StreamEngine.Core.Tests.ClickHouse;

public sealed class TabSeparatedTests
{
    [Fact]
    public void Rows_AreSplitAndUnescaped()
    {
        var rows = TabSeparated.Parse("1\ta\\tb\n2\tline\\nbreak\\\\\n3\t\\N\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "a\tb"], rows[0]);
        Assert.Equal(["2", "line\nbreak\\"], rows[1]);
        Assert.Equal(["3", "\\N"], rows[2]);
    }

    [Fact]
    public void EmptyResult_HasNoRows_AndEmptyFieldsSurvive()
    {
        Assert.Empty(TabSeparated.Parse(""));
        Assert.Equal(["", ""], TabSeparated.Parse("\t\n")[0]);
    }
}
