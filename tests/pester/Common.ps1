# Dot-sourced by every test file: loads the built module and gives helpers for fixture connections.
Import-Module $env:VCFTASKS_MODULE -Force

function script:Connect-Fixture {
    param([Parameter(Mandatory)] [string] $Name, [string] $Server = 'sfo-vcf01.rainpole.io', [switch] $NotDefault)
    Connect-VcfSddcManager -Server $Server -FixturePath (Join-Path $env:VCFTASKS_FIXTURES $Name) -NotDefault:$NotDefault
}

function script:Get-ErrorIds {
    param($ErrorRecords)
    @($ErrorRecords | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$', '' })
}
