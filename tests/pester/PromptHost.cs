using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Threading;

namespace VcfTasksTests
{
    // A host for Fleet.Tests: answers each ShouldProcess question (Yes, or No when the question names a task in
    // Refuse) and records, for each, the question and the thread that asked it.
    public sealed class PromptHost : PSHost
    {
        private readonly PromptUI _ui = new PromptUI();
        public override string Name => "VcfTasksPromptHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() { }
        public override void ExitNestedPrompt() { }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public PromptUI Prompts => _ui;
    }

    public sealed class PromptUI : PSHostUserInterface
    {
        public List<string> Refuse { get; } = new List<string>();
        public List<string> Questions { get; } = new List<string>();
        public List<int> Threads { get; } = new List<int>();
        public override PSHostRawUserInterface RawUI => null;
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (Questions)
            {
                Questions.Add(message);
                Threads.Add(Thread.CurrentThread.ManagedThreadId);
            }
            bool no = Refuse.Exists(id => message.Contains(id));
            for (int i = 0; i < choices.Count; i++)
                if (choices[i].Label.Replace("&", "") == (no ? "No" : "Yes")) return i;
            return defaultChoice;
        }
        public override string ReadLine() => string.Empty;
        public override SecureString ReadLineAsSecureString() => new SecureString();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => new Dictionary<string, PSObject>();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => null;
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => null;
    }
}
