namespace StreamEngine.Kafka;

/// <summary>Creates the task for a newly assigned partition number; called on the consume thread.</summary>
public interface IPartitionTaskFactory
{
    IPartitionTask Create(int partition);
}
