// One app process and one browser for the whole assembly; each test gets its own browser context.
[assembly: AssemblyFixture(typeof(AtTicket.EndToEnd.Tests.AppProcess))]
[assembly: AssemblyFixture(typeof(AtTicket.EndToEnd.Tests.ChromiumBrowser))]
