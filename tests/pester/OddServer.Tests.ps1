BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # A fixture whose listing is written as a server that is not ours might write it: explicit nulls, values of
    # the wrong kind, unknown fields, and elements that are not tasks. The body is given as raw text so that
    # ConvertTo-Json does not tidy it.
    function New-RawFixture([string] $ListingBody) {
        $path = Join-Path ([IO.Path]::GetTempPath()) "vcftasks-odd-$([guid]::NewGuid()).fixture.json"
        $bodyFile = "$path.body.json"
        Set-Content -Path $bodyFile -Value $ListingBody -NoNewline
        @{
            description = 'a listing from a server that is not ours'
            exchanges   = @(@{
                    request  = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = '0'; pageSize = '100' } }
                    response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }; bodyFile = (Split-Path -Leaf $bodyFile) }
                })
        } | ConvertTo-Json -Depth 10 | Set-Content $path
        $path
    }

    $odd = @'
{"elements":[
  {"id":"a","name":"First","status":"In Progress","completionTimestamp":null,"creationTimestamp":"2026-11-01T10:00:00+0000",
   "subTasks":null,"errors":{},"resources":[null,{"resourceId":7}],"isRetryable":"false","localizableDescriptionPack":"text",
   "zzNew":{"deep":[null,{"x":true}]}},
  42,
  {"name":"nameless","status":"FAILED"},
  {"id":"b","status":{"odd":true},"creationTimestamp":1762000000000,"type":12}
 ],
 "pageMetadata":{"totalPages":1,"totalElements":null,"zz":[]}}
'@
    $fixture = New-RawFixture $odd
    $conn = Connect-Fixture $fixture -NotDefault
}

AfterAll {
    Disconnect-VcfSddcManager -Server $conn -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item "$fixture*" -ErrorAction SilentlyContinue
}

Describe 'Get-VcfTask against a server that is not ours' {
    BeforeAll {
        $tasks = @(Get-VcfTask -Server $conn -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors -ErrorAction SilentlyContinue)
    }

    It 'keeps every task that has an id, with the odd fields read as far as they mean something' {
        $tasks.Id | Should -Be @('a', 'b')
        $tasks[0].CompletionTimestamp | Should -BeNullOrEmpty
        $tasks[0].CreationTimestamp | Should -Be ([DateTimeOffset]::new(2026, 11, 1, 10, 0, 0, [TimeSpan]::Zero))
        $tasks[0].Status.State | Should -Be ([VcfTasks.VcfTaskState]::InProgress)
        $tasks[0].IsRetryable | Should -BeFalse
        $tasks[0].Resources.ResourceId | Should -Be '7'
        $tasks[0].SubTasks | Should -BeNullOrEmpty
        $tasks[1].Status.State | Should -Be ([VcfTasks.VcfTaskState]::Unknown)
        $tasks[1].CreationTimestamp | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(1762000000000))
        $tasks[1].Type | Should -BeExactly '12'
    }

    It 'writes one warning for each element it had to leave out, naming element and page, and no error' {
        @($warnings | ForEach-Object Message) | Should -Be @(
            'Element 1 of page 0 of the task listing is not a task object: skipped.'
            "Element 2 of page 0 of the task listing has no usable id (name 'nameless'): skipped."
        )
        $errors | Should -BeNullOrEmpty
    }
}
