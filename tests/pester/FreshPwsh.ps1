# Dot-sourced by tests that must run in a PowerShell of their own (import order, -NonInteractive behaviour).
# Runs $Script in a fresh 'dotnet tool run pwsh -NoProfile -NonInteractive' (the repository's pinned PowerShell), with
# no console input, and returns its output and error lines as strings.
function script:Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $Script)
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in 'tool', 'run', 'pwsh', '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', $encoded) { $psi.ArgumentList.Add($a) }
    $psi.WorkingDirectory = $env:VCFTASKS_REPO
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.Environment['NO_COLOR'] = '1'
    $p = [System.Diagnostics.Process]::Start($psi)
    $p.StandardInput.Close()
    $err = $p.StandardError.ReadToEndAsync()
    $out = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    @(($out + $err.GetAwaiter().GetResult()) -split '\r?\n' | Where-Object { $_ })
}
