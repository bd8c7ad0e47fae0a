namespace SccDm.Realtime.Profiling;

/// <summary>One timed stage of one frame, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
/// <param name="StageId">Index into <see cref="FrameProfiler.StageNames"/>.</param>
/// <param name="FrameId">The camera frame this work belongs to (follows the frame across threads).</param>
/// <param name="Start">Start timestamp.</param>
/// <param name="End">End timestamp.</param>
/// <param name="ThreadId">Managed thread that did the work.</param>
public readonly record struct StageEvent(int StageId, long FrameId, long Start, long End, int ThreadId);
