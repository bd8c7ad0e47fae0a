namespace SccDm.Realtime.Recording;

/// <summary>Where a <see cref="RecordingSession"/> is.</summary>
public enum RecordingState
{
    /// <summary>Taking frames.</summary>
    Recording,

    /// <summary>Stopped; the encoders are writing their last frames.</summary>
    Finishing,

    /// <summary>Stopped and every file closed.</summary>
    Finished,

    /// <summary>Stopped by an error (<see cref="RecordingSession.Failure"/>); what was written is kept.</summary>
    Failed,
}
