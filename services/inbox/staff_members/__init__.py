"""What the inbox keeps of staff members: home location and manager, for tasks about a member."""
