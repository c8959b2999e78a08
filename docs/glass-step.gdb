# glass-step.gdb — stop at every step of a TLS 1.2 handshake (docs/debugging.md).
#
#   make debug                  # -O0 -g3 build in build/debug (or use build/bin)
#   gdb -x docs/glass-step.gdb --args build/debug/bin/glass-step --no-pause --seed 1
#   (gdb) run
#
# One breakpoint per handler named in the handshake tables (lib/handshake/
# table.c), every flavour of both roles; each handler is one step of one
# role: it prints who runs which step and the state, then waits for you.  Type `continue` (c) for the next step;
# `p hs->last` is the message struct of the step, `p/x hs->client_random`,
# `bt` shows how glass_handshake_step() got here.
# With `set $glass_auto = 1` before this file the breakpoints print and go
# on by themselves (tests/sh/gdb_steps.sh runs it that way in batch mode).

set pagination off
set confirm off
set breakpoint pending on
if $_isvoid($glass_auto)
  set $glass_auto = 0
end
set $glass_last_hs = 0
set $glass_last_state = -1

# glass_stop NAME: one line per step, then stop (or go on in auto mode).
# An optimised build may place a handler's breakpoint at two spots of the
# same function; the second stop of the same step goes on by itself.
# The handshake is read in the caller (glass_hs_step): at the first byte of
# an optimised handler gdb may not know yet where its `hs` argument lives.
define glass_stop
  up-silently 1
  set $glass_hs = hs
  down-silently 1
  if $glass_last_hs == (long) $glass_hs && $glass_last_state == $glass_hs->state
    continue
  else
    set $glass_last_hs = (long) $glass_hs
    set $glass_last_state = $glass_hs->state
    if $glass_hs->is_server
      printf "== gdb: Server $arg0 (state %s)\n", glass_hs_state_name($glass_hs->state)
    else
      printf "== gdb: Client $arg0 (state %s)\n", glass_hs_state_name($glass_hs->state)
    end
    if $glass_auto
      continue
    end
  end
end

# the client's handlers (client_table.c)
break glass_client_send_client_hello
commands
  silent
  glass_stop glass_client_send_client_hello
end
break glass_client_recv_server_hello
commands
  silent
  glass_stop glass_client_recv_server_hello
end
break glass_client_recv_certificate
commands
  silent
  glass_stop glass_client_recv_certificate
end
break glass_client_recv_server_key_exchange
commands
  silent
  glass_stop glass_client_recv_server_key_exchange
end
break glass_client_recv_server_hello_done
commands
  silent
  glass_stop glass_client_recv_server_hello_done
end
break glass_client_recv_certificate_request
commands
  silent
  glass_stop glass_client_recv_certificate_request
end
break glass_client_send_certificate
commands
  silent
  glass_stop glass_client_send_certificate
end
break glass_client_send_certificate_verify
commands
  silent
  glass_stop glass_client_send_certificate_verify
end
break glass_client_send_client_key_exchange_rsa
commands
  silent
  glass_stop glass_client_send_client_key_exchange_rsa
end
break glass_client_send_client_key_exchange_ecdhe
commands
  silent
  glass_stop glass_client_send_client_key_exchange_ecdhe
end
break glass_client_send_change_cipher_spec
commands
  silent
  glass_stop glass_client_send_change_cipher_spec
end
break glass_client_send_finished
commands
  silent
  glass_stop glass_client_send_finished
end
break glass_client_recv_change_cipher_spec
commands
  silent
  glass_stop glass_client_recv_change_cipher_spec
end
break glass_client_recv_finished
commands
  silent
  glass_stop glass_client_recv_finished
end

# the server's handlers (server_table.c)
break glass_server_recv_client_hello
commands
  silent
  glass_stop glass_server_recv_client_hello
end
break glass_server_send_server_hello
commands
  silent
  glass_stop glass_server_send_server_hello
end
break glass_server_send_certificate
commands
  silent
  glass_stop glass_server_send_certificate
end
break glass_server_send_server_key_exchange
commands
  silent
  glass_stop glass_server_send_server_key_exchange
end
break glass_server_send_certificate_request
commands
  silent
  glass_stop glass_server_send_certificate_request
end
break glass_server_send_server_hello_done
commands
  silent
  glass_stop glass_server_send_server_hello_done
end
break glass_server_recv_certificate
commands
  silent
  glass_stop glass_server_recv_certificate
end
break glass_server_recv_client_key_exchange_rsa
commands
  silent
  glass_stop glass_server_recv_client_key_exchange_rsa
end
break glass_server_recv_client_key_exchange_ecdhe
commands
  silent
  glass_stop glass_server_recv_client_key_exchange_ecdhe
end
break glass_server_recv_certificate_verify
commands
  silent
  glass_stop glass_server_recv_certificate_verify
end
break glass_server_recv_change_cipher_spec
commands
  silent
  glass_stop glass_server_recv_change_cipher_spec
end
break glass_server_recv_finished
commands
  silent
  glass_stop glass_server_recv_finished
end
break glass_server_send_change_cipher_spec
commands
  silent
  glass_stop glass_server_send_change_cipher_spec
end
break glass_server_send_finished
commands
  silent
  glass_stop glass_server_send_finished
end
