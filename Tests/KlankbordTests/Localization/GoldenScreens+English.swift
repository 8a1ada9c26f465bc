extension GoldenScreens {
    /// What a person who reads English sees.
    static let english = GoldenScreens(
        overviewHelp: """
            klankbord: safe group chat under a name you choose.

            How to use it: klankbord <command> [options]

            Start:
              join              Join with an invite code.
              whoami            Show your name and role.
              lang              Choose your language (Nederlands, English, español).

            Rooms:
              rooms             Show your rooms.
              members           Show who is in a room.
              room create       Make a new room (facilitators).
              room invite       Make an invite code for a room.
              room leave        Leave a room.
              room remove       Take someone out of a room (facilitators).
              room rules        Show or set the rules of a room.
              announce          Post an announcement (facilitators).
              seen              See who read your announcements.

            Messages:
              send              Send a message to a room.
              read              Read new messages.
              chat              Chat in a room: see new messages while you type.
              dm                Send a private message to one person.
              contact           Make a code so someone can write to you.
              ledger            Pay people for their time, and see your own payments.

            Invites (facilitators):
              invite create     Make an invite code (facilitators).
              invite list       Show the invites and if they still work.
              invite revoke     Stop an invite so it no longer works.

            Safety:
              verify            Check the security code of a person.
              unlock            Type your passphrase once for a while.
              lock              Ask for the passphrase again from now on.
              report            Tell the facilitators about a message.
              reports           Read the reports you got (facilitators).
              block             Stop seeing messages from a person.
              unblock           See messages from a blocked person again.
              blocked           Show who you blocked.
              panic             Delete everything at once.

            Meetings:
              meeting poll      Ask which times suit people (facilitators).
              meeting vote      Answer a poll.
              meeting tally     Share the counts of a poll (facilitators).
              meeting fix       Choose a time from a poll (facilitators).
              meeting create    Plan a meeting without a poll (facilitators).
              meeting move      Give a meeting a new time (facilitators).
              meeting cancel    Cancel a meeting (facilitators).
              meeting rsvp      Say if you come to a meeting.
              meeting attend    Mark who came (facilitators).
              meeting fees      Show the fees for a meeting (facilitators).
              meeting series    Plan four meetings for a year (facilitators).
              meeting ics       Write your meetings as a calendar file.
              meeting list      Show polls and meetings with their codes.
              agenda            Show coming meetings and open polls.

            Questions from organisations:
              consult pose      Ask the group a question (facilitators).
              consult list      Show the open questions.
              consult answer    Answer a question. Only the facilitators see it.
              consult change    Change your answer.
              consult withdraw  Take your answer back.
              consult answers   Read the answers, without names (facilitators).
              consult followup  Ask the writer of one answer more (facilitators).
              consult remind    Remind who did not answer yet (facilitators).
              consult close     End the time to answer now (facilitators).
              consult report    Make the report without names (facilitators).

            Options for every command:
              --profile <folder>  use the profile in this folder
              --lang nl|en|es     the language for this command
              --json              print lists for scripts (JSON)
              --help              show help

            Type klankbord <command> --help to learn more about one command.
            """,
        inviteCreateHelp: """
            How to use it: klankbord invite create [--role <role>] [--room <room>] [--uses <number>] [--days <number>]

            Makes an invite code for a new person. --role: what they may do (member, trusted or facilitator; an operator makes facilitator or operator invites). --room: a room they join. --uses: how many people can use it (at most 1000). --days: how many days it works (at most 90; 7 if you leave it out).

            Write a room as #name and a person as @name. The name alone is enough when no room and no person have that name. Put quotes around a word that starts with #, like '#Peers'. Without quotes the command does not see it.

            Options for every command:
              --profile <folder>  use the profile in this folder
              --lang nl|en|es     the language for this command
              --json              print lists for scripts (JSON)
              --help              show help
            """,
        notJoinedYet: "There is no profile in /nonexistent/x. Did you join with another folder? Then add --profile and that folder. New here? Ask a facilitator for an invite code, then type: klankbord join <code>",
        inviteExpired: "This invite has expired. Ask the person who gave it to you for a new one.",
        unreadOne: "1 new message",
        unreadThree: "3 new messages",
        meetingDateTime: "Thu 14 Jan 2027, 19:00",
        twentyFiveEuros: "€25.00"
    )
}
