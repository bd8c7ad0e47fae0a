using System.Runtime.CompilerServices;

// The kiosk's tests drive the composition, the pipeline and the runs in-process.
[assembly: InternalsVisibleTo("SccDm.Realtime.App.Tests")]
